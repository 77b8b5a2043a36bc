import { ERASED_TEXT } from '@banenpool/domain';

/**
 * What a read model shows for the name of a worker whose personal data was erased (WorkerDataErased):
 * the placeholder the event store gives an erased name, so a rebuild from the erased events ends the same.
 */
export const ERASED_NAME = ERASED_TEXT;
