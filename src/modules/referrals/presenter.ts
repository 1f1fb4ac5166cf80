import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ProviderRow, ReferralRow } from './repository.ts';
import type { InboxView, ProviderView, ReferralView, Snapshot } from './schema.ts';
import type { Consent } from '../cases/schema.ts';

/** Sealed columns of referrals; the associated data names column and row. */
export function seal(platform: Platform, text: string, column: string, id: string): Buffer {
  return sealSecret(platform.keys.masterKey, text, `referrals.${column}:${id}`);
}

function unseal(platform: Platform, box: Buffer | null, column: string, id: string) {
  return box
    ? openSecret(platform.keys.masterKey, box, `referrals.${column}:${id}`).toString('utf8')
    : null;
}

export function presentProvider(r: ProviderRow): ProviderView {
  return {
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    serviceTypes: r.service_types as ProviderView['serviceTypes'],
    siteIds: r.site_ids,
    contact: (r.contact as ProviderView['contact']) ?? null,
    languages: r.languages,
    agencyId: r.agency_id,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** The partner's view: the snapshot of the chosen fields and its own answers. */
export function presentInbox(platform: Platform, r: ReferralRow, withSnapshot = true): InboxView {
  const snapshot = withSnapshot ? unseal(platform, r.snapshot_sealed, 'snapshot', r.id) : null;
  const outcomeNote = unseal(platform, r.outcome_note_sealed, 'outcome_note', r.id);
  return {
    id: r.id,
    providerId: r.provider_id,
    serviceType: r.service_type as InboxView['serviceType'],
    urgency: r.urgency as InboxView['urgency'],
    status: r.status as InboxView['status'],
    fields: r.fields as InboxView['fields'],
    snapshot: snapshot ? (JSON.parse(snapshot) as Snapshot) : null,
    referredAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    declineReason: r.decline_reason as InboxView['declineReason'],
    decisionNote: unseal(platform, r.decision_note_sealed, 'decision_note', r.id),
    outcome:
      r.outcome && r.outcome_on && r.outcome_at
        ? {
            result: r.outcome as NonNullable<InboxView['outcome']>['result'],
            on: r.outcome_on,
            note: outcomeNote,
            recordedAt: r.outcome_at.toISOString(),
          }
        : null,
    version: r.version,
  };
}

/** The referring side's view: the partner's plus the case, consent and transfer record. */
export function presentReferral(platform: Platform, r: ReferralRow): ReferralView {
  return {
    ...presentInbox(platform, r),
    caseId: r.case_id,
    personId: r.person_id,
    consent: (r.consent as Consent | null) ?? null,
    overrideReason: unseal(platform, r.override_reason_sealed, 'override_reason', r.id),
    transferRecordId: r.transfer_record_id,
    createdBy: r.created_by,
    decidedBy: r.decided_by,
  };
}
