import type { Db } from '../../db/client.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Placement, PlacementListRow, PlacementsRepo } from './placements.repo.ts';

export type { Placement, PlacementListRow } from './placements.repo.ts';

export interface NewPlacement {
  roundId: string;
  postId: string;
  applicationId: string;
  studentId: string;
  offerId: string;
  at: Date;
  actor: { id: string; label: string; ip?: string | undefined };
}

// The placement record: a student who accepted an offer becomes the intern of that post, pending
// funding. Created only inside the caller's transaction (the acceptance of the offer).
export function createPlacementsService(deps: { repo: PlacementsRepo; audit: AuditLog }) {
  const { repo, audit } = deps;
  return {
    async create(values: NewPlacement, exec: Db): Promise<Placement> {
      const row = await repo.insert(
        {
          roundId: values.roundId,
          postId: values.postId,
          applicationId: values.applicationId,
          studentId: values.studentId,
          offerId: values.offerId,
          status: 'pending_funding',
          createdAt: values.at,
          updatedAt: values.at,
        },
        exec,
      );
      await audit.record(
        {
          actorId: values.actor.id,
          actorLabel: values.actor.label,
          action: 'placements.created',
          subjectType: 'placement',
          subjectId: row.id,
          ...(values.actor.ip ? { ip: values.actor.ip } : {}),
          details: { offerId: values.offerId, postId: values.postId, applicationId: values.applicationId, status: row.status },
        },
        exec,
      );
      return row;
    },
    findForStudent(studentId: string, roundId?: string, exec?: Db): Promise<Placement[]> {
      return repo.findForStudent(studentId, roundId, exec);
    },
    listForRound(roundId: string, exec?: Db): Promise<PlacementListRow[]> {
      return repo.listForRound(roundId, exec);
    },
  };
}

export type PlacementsService = ReturnType<typeof createPlacementsService>;
