import type { Command } from 'commander';

/** Every CLI command registers itself on the program; one file per command. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
