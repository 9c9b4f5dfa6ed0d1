await redis.eval(script, 0);
const evaluation = evaluate(x);
