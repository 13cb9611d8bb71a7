import { notAvailable } from './not-available.js';

export default notAvailable('bench', 9);
