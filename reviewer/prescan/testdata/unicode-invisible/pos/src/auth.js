const admin​ = true;
