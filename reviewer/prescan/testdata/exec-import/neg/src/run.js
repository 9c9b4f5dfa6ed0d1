// we never spawn child processes here
