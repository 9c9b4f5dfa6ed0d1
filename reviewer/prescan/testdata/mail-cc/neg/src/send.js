const success = true;
const accessCount = 0;
