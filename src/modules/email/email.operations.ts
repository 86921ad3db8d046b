import type { Handlers } from '../../context/handler.ts';
import type { emailOperations } from '../../contracts/email.contract.ts';
import { emailDraft, recordEmailAnswer, sendEmail } from './email.service.ts';

export const emailHandlers: Handlers<typeof emailOperations> = {
  emailDraft: (ctx, { params, query }) => emailDraft(ctx, { id: params.id, query }),
  sendEmail: (ctx, { params, body }) => sendEmail(ctx, { id: params.id, body }),
  recordEmailAnswer: (ctx, { params, body }) => recordEmailAnswer(ctx, { id: params.id, body }),
};
