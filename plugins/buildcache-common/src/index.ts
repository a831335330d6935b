/**
 * Types and permissions shared by the buildcache frontend and backend.
 *
 * @packageDocumentation
 */
export * from './report';
export * from './permissions';
export * from './api';
export * from './tickets';
