import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ReadModelRebuild, type RebuildProgress } from '../shared/ports.js';

export interface ComparisonJob {
  readonly id: string;
  status: 'running' | 'done' | 'failed';
  readonly startedBy: string;
  readonly startedAt: string;
  finishedAt?: string;
  progress?: RebuildProgress;
  /** When done: whether every rebuilt read model equals the live one, and where not. */
  summary?: unknown;
  error?: string;
}

/** Finished jobs kept for reading back; older ones are forgotten (this is a process-local list). */
const KEPT_JOBS = 20;

/**
 * Rebuild-and-compare takes minutes on a large store, so it runs as a job: one at a time (two
 * would double the load and compare nothing new), its progress and result read back by id.
 */
@Injectable()
export class ComparisonJobs {
  private readonly logger = new Logger('ReadModelComparison');
  private readonly jobs = new Map<string, ComparisonJob>();

  constructor(private readonly rebuild: ReadModelRebuild) {}

  start(startedBy: string): ComparisonJob {
    const running = [...this.jobs.values()].find((j) => j.status === 'running');
    if (running) throw new ConflictException(`Comparison ${running.id} is still running; read /audit/comparisons/${running.id}`);
    const job: ComparisonJob = { id: randomUUID(), status: 'running', startedBy, startedAt: new Date().toISOString() };
    this.keep(job);
    void this.run(job);
    return job;
  }

  get(id: string): ComparisonJob {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundException(`No comparison ${id} (only the last ${KEPT_JOBS} are kept, until the service restarts)`);
    return job;
  }

  private async run(job: ComparisonJob): Promise<void> {
    try {
      job.summary = await this.rebuild.compare((p) => (job.progress = p));
      job.status = 'done';
    } catch (error) {
      this.logger.error({ err: error }, `Comparison ${job.id} failed`);
      job.error = error instanceof Error ? error.message : String(error);
      job.status = 'failed';
    }
    job.finishedAt = new Date().toISOString();
  }

  private keep(job: ComparisonJob): void {
    this.jobs.set(job.id, job);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(id);
  }
}
