import { createTemplates } from './databases';

/** Once per run, before any test file: the migrated databases each test file's are cloned from. */
export default createTemplates;
