"""The partial-derivative step family (partials, gradients, Hessians, the multivariable chain
rule and cost derivations) and its explanations."""
