// TODO: support cc and bcc fields
const bccList = [];
