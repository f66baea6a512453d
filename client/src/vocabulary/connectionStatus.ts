/** The live connection as the header shows it. */
export type ConnectionStatus = 'connecting' | 'live' | 'catching_up' | 'offline' | 'refused';
