import { notAvailable } from './not-available.js';

export default notAvailable('init', 7);
