import { accountOperations } from './accounts.contract.ts';
import { cadenceOperations } from './cadences.contract.ts';
import { callbackOperations } from './callbacks.contract.ts';
import { callOperations } from './calls.contract.ts';
import { demoOperations } from './demo.contract.ts';
import { dncOperations } from './dnc.contract.ts';
import { emailOperations } from './email.contract.ts';
import { insightOperations } from './insights.contract.ts';
import { intelOperations } from './intel.contract.ts';
import { prospectOperations } from './prospects.contract.ts';
import { pursuitOperations } from './pursuit.contract.ts';
import { queueOperations } from './queue.contract.ts';
import { rulesOperations, teamOperations } from './team.contract.ts';
import { telephonyOperations } from './telephony.contract.ts';
import { voicemailOperations } from './voicemail.contract.ts';

/** Every operation of the API, by name: the one table the server, the clients and the document read. */
export const operations = {
  ...accountOperations,
  ...intelOperations,
  ...teamOperations,
  ...rulesOperations,
  ...queueOperations,
  ...voicemailOperations,
  ...insightOperations,
  ...pursuitOperations,
  ...callOperations,
  ...callbackOperations,
  ...telephonyOperations,
  ...dncOperations,
  ...demoOperations,
  ...cadenceOperations,
  ...emailOperations,
  ...prospectOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type { InputOf, Operation, OutputOf } from './operation.ts';
