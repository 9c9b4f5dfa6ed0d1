# the link-local range 169.254.0.0/16 is never used
