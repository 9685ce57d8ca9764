// What other features may use: the customer page places the panel (features/customers is not ours to edit).
export { CustomerGradePanel } from './CustomerGradePanel';
export { GradeTag } from './GradeTag';
