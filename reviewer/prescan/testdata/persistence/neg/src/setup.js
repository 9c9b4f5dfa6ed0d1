// generates bash completion
