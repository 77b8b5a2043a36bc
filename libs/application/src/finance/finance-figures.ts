import type { Cents } from '@banenpool/domain';
import type { PeriodDocumentTotals, PeriodWorkerLines } from '@banenpool/read-models';
import type { SubsidyPart } from './subsidy-attribution.js';
import { addWageCosts, NO_WAGE_COST, type WageCost, type WorkerWageCost } from './wage-cost.js';

/** Documents of one kind summed; a credit note's amounts as positive figures (what it takes off). */
export interface DocumentSums {
  documents: number;
  netCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
}

/** The figures of a hirer (or of the pool) in a period. */
export interface FinanceFigures {
  /** The invoices issued in the period's invoicing. */
  invoiced: DocumentSums;
  /** The credit notes issued in the period's invoicing, as what they take off. */
  credited: DocumentSums;
  /** Paid so far on those invoices and credit notes. */
  paidCents: Cents;
  /** What is still open on them: invoiced − credited − paid (total incl. VAT). */
  openCents: Cents;
  /** What the period's pay run pays for the hirer's hours (its lines and differences), with employer charges. */
  wageCost: WageCost;
  /** The LKS claims' parts for the days of the period (SUBSIDY_ATTRIBUTION), with their employer-charges allowance. */
  subsidyCents: Cents;
  /** invoiced net − credited net − wage cost + subsidy. */
  marginCents: Cents;
}

export interface HirerFinance extends FinanceFigures {
  employerId: string;
}

export interface WorkerFinance {
  workerId: string;
  wageCost: WageCost;
  /** The net of the worker's lines on the period's invoices, and on its credit notes (as taken off). */
  invoicedNetCents: Cents;
  creditedNetCents: Cents;
  subsidyCents: Cents;
  /** invoiced net − credited net − wage cost + subsidy. */
  marginCents: Cents;
}

/** The pool's totals: every hirer's, plus what is the pool's own. */
export interface PoolFinance extends FinanceFigures {
  /** Of the totals, what no hirer carries: the guaranteed-hours top-ups, and subsidy no paid hours place at a hirer. */
  poolOwn: { wageCost: WageCost; subsidyCents: Cents };
}

export interface FinanceInputs {
  wageCosts: readonly WorkerWageCost[];
  documents: readonly PeriodDocumentTotals[];
  workerLines: readonly PeriodWorkerLines[];
  /** The subsidy parts of the period's days. */
  subsidies: readonly SubsidyPart[];
  /** One hirer only: then the pool's own figures are left out too. */
  employerId?: string;
}

export interface Finance {
  hirers: HirerFinance[];
  /** By worker id. */
  workers: WorkerFinance[];
  totals: PoolFinance;
}

const NO_DOCUMENTS: DocumentSums = Object.freeze({ documents: 0, netCents: 0, vatCents: 0, totalCents: 0 });

const addDocuments = (a: DocumentSums, b: DocumentSums): DocumentSums => ({
  documents: a.documents + b.documents,
  netCents: a.netCents + b.netCents,
  vatCents: a.vatCents + b.vatCents,
  totalCents: a.totalCents + b.totalCents,
});

const marginOf = (invoicedNet: Cents, creditedNet: Cents, wageCost: WageCost, subsidy: Cents): Cents =>
  invoicedNet - creditedNet - wageCost.totalCents + subsidy;

/** A credit note's sums (negative as issued) as what it takes off. */
const takenOff = ({ documents, netCents, vatCents, totalCents }: PeriodDocumentTotals): DocumentSums => ({
  documents,
  netCents: 0 - netCents,
  vatCents: 0 - vatCents,
  totalCents: 0 - totalCents,
});

/** A hirer's figures being summed, margin aside. */
type Sums = Omit<FinanceFigures, 'marginCents'>;

const NO_SUMS: Sums = {
  invoiced: NO_DOCUMENTS,
  credited: NO_DOCUMENTS,
  paidCents: 0,
  openCents: 0,
  wageCost: NO_WAGE_COST,
  subsidyCents: 0,
};

const addSums = (a: Sums, b: Partial<Sums>): Sums => ({
  invoiced: addDocuments(a.invoiced, b.invoiced ?? NO_DOCUMENTS),
  credited: addDocuments(a.credited, b.credited ?? NO_DOCUMENTS),
  paidCents: a.paidCents + (b.paidCents ?? 0),
  openCents: a.openCents + (b.openCents ?? 0),
  wageCost: addWageCosts(a.wageCost, b.wageCost ?? NO_WAGE_COST),
  subsidyCents: a.subsidyCents + (b.subsidyCents ?? 0),
});

const withMargin = <T extends Sums>(sums: T): T & { marginCents: Cents } => ({
  ...sums,
  marginCents: marginOf(sums.invoiced.netCents, sums.credited.netCents, sums.wageCost, sums.subsidyCents),
});

/** Sums keyed by id, each key starting from nothing. */
class Ledger<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly empty: T,
    private readonly add: (a: T, b: Partial<T>) => T,
  ) {}

  book(id: string, amounts: Partial<T>): void {
    this.entries.set(id, this.add(this.entries.get(id) ?? this.empty, amounts));
  }

  /** By id. */
  sorted(): [string, T][] {
    return [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

type WorkerSums = Omit<WorkerFinance, 'workerId' | 'marginCents'>;
const NO_WORKER_SUMS: WorkerSums = { wageCost: NO_WAGE_COST, invoicedNetCents: 0, creditedNetCents: 0, subsidyCents: 0 };
const addWorkerSums = (a: WorkerSums, b: Partial<WorkerSums>): WorkerSums => ({
  wageCost: addWageCosts(a.wageCost, b.wageCost ?? NO_WAGE_COST),
  invoicedNetCents: a.invoicedNetCents + (b.invoicedNetCents ?? 0),
  creditedNetCents: a.creditedNetCents + (b.creditedNetCents ?? 0),
  subsidyCents: a.subsidyCents + (b.subsidyCents ?? 0),
});

/**
 * The finance view's figures from what the read models hold: per hirer, per worker and for the
 * pool, in integer cents, each a sum of amounts already rounded (nothing is rounded here). A
 * hirer is listed once anything of the period is its: a document, pay, or subsidy. With
 * `employerId`, only that hirer's part of each worker counts, and nothing of the pool's own.
 */
export function financeOf({ wageCosts, documents, workerLines, subsidies, employerId }: FinanceInputs): Finance {
  const counts = (id: string | undefined) => employerId === undefined || id === employerId;
  const hirers = new Ledger<Sums>(NO_SUMS, addSums);
  const workers = new Ledger<WorkerSums>(NO_WORKER_SUMS, addWorkerSums);
  let poolOwn = { wageCost: NO_WAGE_COST, subsidyCents: 0 };

  for (const { workerId, employerId: hirer, cost } of wageCosts.filter((c) => counts(c.employerId))) {
    workers.book(workerId, { wageCost: cost });
    if (hirer === undefined) poolOwn = { ...poolOwn, wageCost: addWageCosts(poolOwn.wageCost, cost) };
    else hirers.book(hirer, { wageCost: cost });
  }
  for (const part of subsidies.filter((s) => counts(s.employerId))) {
    workers.book(part.workerId, { subsidyCents: part.cents });
    if (part.employerId === undefined) poolOwn = { ...poolOwn, subsidyCents: poolOwn.subsidyCents + part.cents };
    else hirers.book(part.employerId, { subsidyCents: part.cents });
  }
  for (const document of documents.filter((d) => counts(d.employerId))) {
    const sums = document.kind === 'invoice' ? { invoiced: document } : { credited: takenOff(document) };
    hirers.book(document.employerId, { ...sums, paidCents: document.paidCents, openCents: document.openCents });
  }
  for (const { workerId, kind, amountCents } of workerLines.filter((l) => counts(l.employerId))) {
    workers.book(workerId, kind === 'invoice' ? { invoicedNetCents: amountCents } : { creditedNetCents: amountCents });
  }

  const hirerRows = hirers.sorted().map(([id, sums]) => ({ employerId: id, ...withMargin(sums) }));
  const totals = [...hirerRows, poolOwn].reduce<Sums>((sum, row) => addSums(sum, row), NO_SUMS);
  return {
    hirers: hirerRows,
    workers: workers.sorted().map(([workerId, sums]) => ({
      workerId,
      ...sums,
      marginCents: marginOf(sums.invoicedNetCents, sums.creditedNetCents, sums.wageCost, sums.subsidyCents),
    })),
    totals: { ...withMargin(totals), poolOwn },
  };
}
