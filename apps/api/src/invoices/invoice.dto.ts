import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { INVOICE_KINDS, type InvoiceKind } from '@banenpool/domain';
import { INVOICE_STATUSES, type InvoiceStatus } from '@banenpool/read-models';
import { FIRST_YEAR, LAST_YEAR } from '../common/date-range.js';
import { IsLocalDate } from '../common/is-local-date.js';
import { IsResourceId } from '../common/is-resource-id.js';
import { Optional } from '../common/validators.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { IsPayPeriodId } from '../pay-runs/pay-run.dto.js';
import { IsQueryId, PageQuery, QueryInteger } from '../read-model-queries/query-params.js';

/** Bounds that catch typing errors only: no payment of a hirer is ten billion euros. */
const MAX_CENTS = 1_000_000_000_000;

export class InvoiceRunDto {
  @ApiProperty({ example: '2027-P03', description: 'The pay period whose finalized run is invoiced (YYYY-Pnn or YYYY-MM)' })
  @IsPayPeriodId()
  periodId: string;

  @ApiPropertyOptional({ example: 'visschedijk', description: 'One hirer; left out: every hirer whose hours the run pays' })
  @Optional()
  @IsResourceId()
  employerId?: string;
}

export class InvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'visschedijk', description: 'An employer key sees only its own documents whatever it asks' })
  @IsOptional()
  @IsQueryId()
  employerId?: string;

  @ApiPropertyOptional({ example: '2027-P03', description: 'The pay period the documents were issued for' })
  @IsOptional()
  @IsPayPeriodId()
  periodId?: string;

  @ApiPropertyOptional({ example: 2027, description: 'The year of the numbers (the year of issue)' })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year?: number;

  @ApiPropertyOptional({ enum: INVOICE_KINDS })
  @IsOptional()
  @IsIn(INVOICE_KINDS)
  kind?: InvoiceKind;

  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;
}

export const INVOICE_FORMATS = ['json', 'csv', 'pdf'] as const;
export type InvoiceFormat = (typeof INVOICE_FORMATS)[number];

export class InvoiceFormatQuery extends ConsistencyQuery {
  @ApiPropertyOptional({
    enum: INVOICE_FORMATS,
    default: 'json',
    description: 'csv: one row per line; pdf: the document to send. Left out, the Accept header chooses.',
  })
  @IsOptional()
  @IsIn(INVOICE_FORMATS)
  format?: InvoiceFormat;
}

export class InvoiceParams {
  @ApiProperty({ example: '2027-00001', description: 'The document’s number, <year>-<sequence> (2027-00001, or 2027-1)' })
  @Matches(/^\d{4}-\d{1,9}$/, { message: 'id must be an invoice id <year>-<sequence>, e.g. 2027-00001 or 2027-1' })
  id: string;
}

export class SendInvoiceDto {
  @ApiPropertyOptional({ example: '2027-02-01', description: 'The day it was sent; today when left out' })
  @Optional()
  @IsLocalDate()
  sentOn?: string;
}

export class InvoicePaymentDto {
  @ApiProperty({ example: 150000, description: 'The amount received, in cents; at most what is open' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty({ example: 37500, description: 'Of it, the cents paid to the pool’s G-account (0 to amountCents)' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  toGAccountCents: number;

  @ApiProperty({ example: '2027-02-15' })
  @IsLocalDate()
  paidOn: string;

  @ApiPropertyOptional({ example: 'NL12RABO0123456789 2027-00001', maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'reference must not be blank' })
  reference?: string;
}
