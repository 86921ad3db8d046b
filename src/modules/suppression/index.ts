export { optOut } from './opt-out.ts';
export { type Binding, bindingOf, bindPerson, listNumbers, suppressKnown } from './person-binding.ts';
export { blockedNumbers, screenedRegisters } from './suppression.repository.ts';
