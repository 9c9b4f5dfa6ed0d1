// café — naïve “quotes”
