/** An exception the real server does not catch (Python's OverflowError in the duration parser, int(inf)): a 500. */
export class ServerCrash extends Error {}
