// What the customer page places (features/customers owns the page).
export { CustomerTimeline } from './CustomerTimeline';
export { CustomerContracts } from './CustomerContracts';
export { MergeCustomerButton } from './MergeCustomerButton';
