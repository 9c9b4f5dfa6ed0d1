eval(payload);
