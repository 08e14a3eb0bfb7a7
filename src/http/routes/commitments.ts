import { z } from 'zod';
import { makeCommitment } from '../../services/commitments/commitments.service.js';
import { accountOf } from '../auth.js';
import { errors, IdentifierParam, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

/** Credit commitments an organization makes on its own (issue 18). */
export const commitmentRoutes: RegisterRoutes = (app, { deps }) => {
  app.post(
    '/v1/subjects/:identifier/commitments',
    {
      config: { access: ['subject'] },
      schema: {
        tags: ['commitments'],
        summary:
          'An organization makes a credit commitment, published as a credit_commitment record',
        description:
          'Only the organization itself, through its own subject account (COMMITMENT_FORBIDDEN otherwise), in the words of a catalog template (GET /v1/catalog/commitment-templates) for one of its terms. The record is filed with the authority of the template’s domain that covers the organization most closely; the same commitment made twice in a day is one record.',
        params: IdentifierParam,
        body: z.object({
          template: NonBlank.min(1).max(64).describe('a commitment template id'),
          term: NonBlank.min(1).max(16).describe('one of the template’s terms, e.g. P1Y'),
        }),
        response: {
          201: z
            .object({
              recordId: z.string(),
              status: z.enum(['created', 'unchanged']),
              authority: z.string().describe('the authority it is filed with'),
              dueDate: z.string().describe('the last day of the term'),
            })
            .meta({ id: 'MadeCommitment' }),
          ...errors(404, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await makeCommitment(deps, accountOf(request), request.params.identifier, request.body),
        ),
  );
};
