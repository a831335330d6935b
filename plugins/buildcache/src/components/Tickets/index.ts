export { TicketChips } from './TicketChips';
export { TicketsToolbar } from './TicketsToolbar';
