import { notAvailable } from './not-available.js';

export default notAvailable('run', 7);
