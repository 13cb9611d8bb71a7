import { notAvailable } from './not-available.js';

export default notAvailable('eval', 3);
