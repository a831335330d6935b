export { WaiversContent, type WaiversContentProps } from './WaiversContent';
export { WaiversLinkButton } from './WaiversLinkButton';
