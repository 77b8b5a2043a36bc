import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caoOn, employerDecider, employerStreamId, hourlyWage, type EmployerCommand, type LocalDate } from '@banenpool/domain';
import { requireEmployerAccess, type RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { requireCaoVersionOn } from './cao-version-on.js';

/** Classify a function to a scale of the CAO the employer applies on `from`. */
export class ClassifyFunctionCommand extends Command<CommandAccepted> {
  constructor(
    readonly employerId: string,
    readonly classification: { functionName: string; scale: string; from: LocalDate },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ClassifyFunctionCommand)
export class ClassifyFunctionHandler implements ICommandHandler<ClassifyFunctionCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
  ) {}

  execute({ employerId, classification, context }: ClassifyFunctionCommand): Promise<CommandAccepted> {
    requireEmployerAccess(context.caller, employerId);
    return this.executor.run(
      employerDecider,
      employerStreamId(employerId),
      async (state): Promise<EmployerCommand> => {
        const applied = caoOn(state, classification.from);
        // Without a CAO that day the decider refuses with its own reason; with one, the scale must exist in it.
        if (applied) hourlyWage(await requireCaoVersionOn(this.streams, applied.caoCode, classification.from), classification.scale, 0);
        return { type: 'ClassifyFunction', ...classification };
      },
      context,
    );
  }
}
