const all = JSON.stringify(process.env);
console.log(all.length);
