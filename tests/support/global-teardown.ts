import { dropTemplates } from './databases';

export default dropTemplates;
