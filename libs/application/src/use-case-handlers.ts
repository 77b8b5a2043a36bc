import type { Provider } from '@nestjs/common';
import { GetWorkerAccessLogHandler } from './access-record/get-worker-access-log.handler.js';
import { AcceptAllocationProposalsHandler } from './allocation/accept-allocation-proposals.handler.js';
import { AllocationSnapshots } from './allocation/allocation-snapshots.js';
import { GetAllocationRunHandler } from './allocation/get-allocation-run.handler.js';
import { RejectAllocationProposalsHandler } from './allocation/reject-allocation-proposals.handler.js';
import { StartAllocationRunHandler } from './allocation/start-allocation-run.handler.js';
import { ComparisonJobs } from './audit/comparison-jobs.js';
import { ListFeedDigestsHandler, VerifyHashChainsHandler } from './audit/hash-chain.handlers.js';
import { GetReadModelComparisonHandler, StartReadModelComparisonHandler } from './audit/read-model-comparison.handlers.js';
import { GetAuditDiffHandler, GetAuditHistoryHandler, GetAuditStateHandler } from './audit/subject-audit.handlers.js';
import { GetInvoiceLineProvenanceHandler } from './audit/invoice-provenance.handler.js';
import { ChangeCaoHandler } from './cao/change-cao.handler.js';
import { GetCaoHandler } from './cao/get-cao.handler.js';
import { AmendCapacityRequestHandler } from './capacity/amend-capacity-request.handler.js';
import { GetCapacityRequestHandler } from './capacity/get-capacity-request.handler.js';
import { RequestCapacityHandler } from './capacity/request-capacity.handler.js';
import { WithdrawCapacityRequestHandler } from './capacity/withdraw-capacity-request.handler.js';
import { ApplyCaoHandler } from './employer/apply-cao.handler.js';
import { ChangeEmployerHandler } from './employer/change-employer.handler.js';
import { ClassifyFunctionHandler } from './employer/classify-function.handler.js';
import { GetEmployerHandler } from './employer/get-employer.handler.js';
import { ChangePlacementHandler } from './placement/change-placement.handler.js';
import { ConfirmPlacementHandler } from './placement/confirm-placement.handler.js';
import { ExtendPlacementHandler } from './placement/extend-placement.handler.js';
import { GetPlacementHandler } from './placement/get-placement.handler.js';
import { GetPlacementWageHandler } from './placement/get-placement-wage.handler.js';
import { PayDifferenceHandler } from './placement/pay-difference.handler.js';
import { HirerLimitFactsReader } from './placement/hirer-limit-facts.js';
import { PlacementFacts } from './placement/placement-facts.js';
import { PlacementWages } from './placement/placement-wages.js';
import { CalculatePayRunHandler, RecalculatePayRunHandler } from './payroll/calculate-pay-run.handler.js';
import { FinalizePayRunHandler } from './payroll/finalize-pay-run.handler.js';
import { PayRunCalculation } from './payroll/pay-run-calculation.js';
import { PayRunInputs } from './payroll/pay-run-inputs.js';
import {
  GetPayRunHandler,
  ListPayPeriodsHandler,
  ListPayRunsHandler,
  PayRunExportHandler,
  PayRunReader,
  WorkerStatementHandler,
} from './payroll/pay-run.queries.js';
import { AgreeRateHandler } from './rate-agreement/agree-rate.handler.js';
import { EndRateAgreementHandler } from './rate-agreement/end-rate-agreement.handler.js';
import { ListRateAgreementsHandler, RateWarningsHandler } from './rate-agreement/rate-agreement.queries.js';
import { RateAgreementsReader } from './rate-agreement/rate-agreements-reader.js';
import { RateCostFactsReader } from './rate-agreement/rate-cost-facts.js';
import { RecordInvoicePaymentHandler, SendInvoiceHandler } from './invoice/invoice-bookkeeping.handlers.js';
import { InvoiceInputs } from './invoice/invoice-inputs.js';
import { InvoiceIssuer } from './invoice/invoice-issuer.js';
import { InvoicePeriodHandler } from './invoice/invoice-period.handler.js';
import { GetInvoiceHandler, ListInvoicesHandler } from './invoice/invoice.queries.js';
import { FinanceViewHandler } from './finance/finance-view.handler.js';
import { BanenafspraakStatementHandler } from './banenafspraak/banenafspraak-statement.handler.js';
import { CalculateLksClaimsHandler } from './lks/calculate-lks-claims.handler.js';
import { LksClaimReader } from './lks/lks-claim-reader.js';
import { GetLksClaimHandler, ListLksClaimsHandler, ReassessmentsDueHandler } from './lks/lks.queries.js';
import { RecordLksClaimPaymentHandler } from './lks/record-lks-claim-payment.handler.js';
import { RecordWageValueDecisionHandler } from './lks/record-wage-value-decision.handler.js';
import { SubmitLksClaimHandler } from './lks/submit-lks-claim.handler.js';
import { BanenafspraakByQuarterHandler } from './read-models/banenafspraak-by-quarter.handler.js';
import { BanenafspraakByWeekHandler } from './read-models/banenafspraak-by-week.handler.js';
import {
  GetEmployerOverviewHandler,
  ListEmployerPlacementsHandler,
  ListEmployerRequestsHandler,
} from './read-models/employer-view.handlers.js';
import { ListBoardHandler } from './read-models/list-board.handler.js';
import { ListCapacityGapsHandler } from './read-models/list-capacity-gaps.handler.js';
import { ClosureConflictsHandler, ListConflictsHandler } from './read-models/list-conflicts.handler.js';
import { ListReleasedWorkersHandler } from './read-models/list-released-workers.handler.js';
import { ListUpcomingEndsHandler } from './read-models/list-upcoming-ends.handler.js';
import { ListWorkerHoursHandler } from './read-models/list-worker-hours.handler.js';
import { GetRuleTablesHandler } from './rules/get-rule-tables.handler.js';
import { PublishRulePeriodHandler } from './rules/publish-rule-period.handler.js';
import { RuleBookReader } from './rules/rule-book-reader.js';
import { RuleTableSeeder } from './rules/rule-table-seeder.js';
import { StreamStates } from './shared/stream-states.js';
import { ApproveTimesheetHandler } from './timesheet/approve-timesheet.handler.js';
import { ApproveTimesheetWeekHandler } from './timesheet/approve-timesheet-week.handler.js';
import { CorrectTimesheetHandler } from './timesheet/correct-timesheet.handler.js';
import { GetTimesheetHandler } from './timesheet/get-timesheet.handler.js';
import { ListTimesheetsHandler } from './timesheet/list-timesheets.handler.js';
import { RegisterHoursHandler } from './timesheet/register-hours.handler.js';
import { RejectTimesheetHandler } from './timesheet/reject-timesheet.handler.js';
import { SubmitTimesheetHandler } from './timesheet/submit-timesheet.handler.js';
import { TimesheetFactsReader } from './timesheet/timesheet-facts.js';
import { UseCaseExecutor } from './shared/use-case-executor.js';
import { GetStreamCatalogEntryHandler, ListStreamCatalogHandler } from './streams/stream-catalog.handlers.js';
import { ChangeWorkerHandler } from './worker/change-worker.handler.js';
import { EraseWorkerDataHandler } from './worker-erasure/erase-worker-data.handler.js';
import { ErasurePayFactsReader } from './worker-erasure/erasure-pay-facts.js';
import { GetWorkerHandler } from './worker/get-worker.handler.js';
import { OfferContractHandler } from './worker/offer-contract.handler.js';
import { WorkerExportHandler } from './worker-export/worker-export.handler.js';
import { WorkerExportReader } from './worker-export/worker-export-reader.js';

/**
 * Every use case's handler and what they share, for the module that registers them. That module
 * also binds the ports (USE_CASE_EVENT_STORE, ReadModelsCatchUp, HashChains, ReadModelRebuild) and needs CqrsModule.forRoot().
 */
export const USE_CASE_PROVIDERS: Provider[] = [
  UseCaseExecutor,
  StreamStates,
  PlacementFacts,
  PlacementWages,
  HirerLimitFactsReader,
  RuleBookReader,
  RuleTableSeeder,
  AllocationSnapshots,
  ChangeCaoHandler,
  GetCaoHandler,
  ChangeEmployerHandler,
  ApplyCaoHandler,
  ClassifyFunctionHandler,
  GetEmployerHandler,
  ChangeWorkerHandler,
  EraseWorkerDataHandler,
  ErasurePayFactsReader,
  OfferContractHandler,
  GetWorkerHandler,
  RequestCapacityHandler,
  AmendCapacityRequestHandler,
  WithdrawCapacityRequestHandler,
  GetCapacityRequestHandler,
  ChangePlacementHandler,
  ConfirmPlacementHandler,
  ExtendPlacementHandler,
  GetPlacementHandler,
  PayDifferenceHandler,
  GetPlacementWageHandler,
  StartAllocationRunHandler,
  AcceptAllocationProposalsHandler,
  RejectAllocationProposalsHandler,
  GetAllocationRunHandler,
  ListStreamCatalogHandler,
  GetStreamCatalogEntryHandler,
  ListBoardHandler,
  ListCapacityGapsHandler,
  ListWorkerHoursHandler,
  ListReleasedWorkersHandler,
  ListUpcomingEndsHandler,
  ListConflictsHandler,
  ClosureConflictsHandler,
  GetEmployerOverviewHandler,
  ListEmployerRequestsHandler,
  ListEmployerPlacementsHandler,
  BanenafspraakByWeekHandler,
  BanenafspraakByQuarterHandler,
  BanenafspraakStatementHandler,
  ComparisonJobs,
  VerifyHashChainsHandler,
  ListFeedDigestsHandler,
  StartReadModelComparisonHandler,
  GetReadModelComparisonHandler,
  GetAuditHistoryHandler,
  GetAuditStateHandler,
  GetAuditDiffHandler,
  GetInvoiceLineProvenanceHandler,
  PublishRulePeriodHandler,
  GetRuleTablesHandler,
  TimesheetFactsReader,
  RegisterHoursHandler,
  SubmitTimesheetHandler,
  ApproveTimesheetHandler,
  RejectTimesheetHandler,
  CorrectTimesheetHandler,
  ApproveTimesheetWeekHandler,
  GetTimesheetHandler,
  ListTimesheetsHandler,
  PayRunInputs,
  PayRunCalculation,
  PayRunReader,
  CalculatePayRunHandler,
  RecalculatePayRunHandler,
  FinalizePayRunHandler,
  ListPayPeriodsHandler,
  ListPayRunsHandler,
  GetPayRunHandler,
  PayRunExportHandler,
  WorkerStatementHandler,
  LksClaimReader,
  RecordWageValueDecisionHandler,
  CalculateLksClaimsHandler,
  SubmitLksClaimHandler,
  RecordLksClaimPaymentHandler,
  GetLksClaimHandler,
  ListLksClaimsHandler,
  ReassessmentsDueHandler,
  RateAgreementsReader,
  RateCostFactsReader,
  AgreeRateHandler,
  EndRateAgreementHandler,
  ListRateAgreementsHandler,
  RateWarningsHandler,
  InvoiceInputs,
  InvoiceIssuer,
  InvoicePeriodHandler,
  SendInvoiceHandler,
  RecordInvoicePaymentHandler,
  GetInvoiceHandler,
  ListInvoicesHandler,
  FinanceViewHandler,
  WorkerExportReader,
  WorkerExportHandler,
  GetWorkerAccessLogHandler,
];
