import { Injectable } from '@nestjs/common';
import { rateAgreementDecider, rateAgreementsStreamId, type RateAgreementRecord, type RateAgreementView } from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** A hirer's rate agreements as its `rates-<employerId>` stream holds them; for invoicing and the queries here. */
@Injectable()
export class RateAgreementsReader {
  constructor(private readonly streams: StreamStates) {}

  /** Every agreement with the hirer, ended ones with their last day as `to`: rateInForce picks the one of a day. */
  async of(employerId: string): Promise<RateAgreementView[]> {
    return (await this.records(employerId)).agreements;
  }

  /** The agreements with what was recorded with them, and the stream's version (-1 when none was ever agreed). */
  async records(employerId: string): Promise<{ agreements: RateAgreementRecord[]; version: number }> {
    const { state, version } = await this.streams.load(rateAgreementDecider, rateAgreementsStreamId(employerId));
    return { agreements: state.status === 'none' ? [] : [...state.agreements], version };
  }
}
