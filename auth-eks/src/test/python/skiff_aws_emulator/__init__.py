"""A local AWS for auth-eks tests: an EKS Pod Identity agent, STS and EKS (moto behind a SigV4
check), and per cluster an EKS-style webhook token authenticator for kube-apiserver."""
