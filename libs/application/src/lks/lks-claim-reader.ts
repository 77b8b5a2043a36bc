import { Injectable } from '@nestjs/common';
import { notFound } from '@banenpool/domain';
import { findLksClaim, type LksClaimRecord } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { PayRunInputs } from '../payroll/pay-run-inputs.js';

/** Claims from the lks-claims read model: a claim's id names no stream, its worker's does. */
@Injectable()
export class LksClaimReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: PayRunInputs,
  ) {}

  /** The claim as far as the read model has come: 404 when it holds none of that id. */
  async existing(claimId: string): Promise<LksClaimRecord> {
    return (
      (await findLksClaim(this.dataSource, claimId)) ??
      notFound('claim_not_found', `There is no wage-cost subsidy claim ${claimId} (pass waitFor to see one just calculated).`)
    );
  }

  /** The claim once the read model holds every event committed so far: a command on it must find one just calculated. */
  async current(claimId: string): Promise<LksClaimRecord> {
    await this.inputs.caughtUp();
    return this.existing(claimId);
  }
}
