import { notAvailable } from './not-available.js';

export default notAvailable('explain', 7);
