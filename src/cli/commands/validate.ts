import { notAvailable } from './not-available.js';

export default notAvailable('validate', 7);
