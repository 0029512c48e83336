#!/bin/sh
# Lets the hub's controller role into an EKS spoke as the Kubernetes group that
# controller-rbac.yaml binds (no EKS access policy: the ClusterRole is the only grant).
# Run with credentials of the spoke's account. Fill in the three values.
set -eu
SPOKE_CLUSTER=spoke1                                      # the spoke's EKS cluster name
SPOKE_REGION=eu-west-1
SPOKE_ROLE_ARN=arn:aws:iam::222222222222:role/skiff-spoke  # the role the hub assumes

aws eks create-access-entry --region "$SPOKE_REGION" --cluster-name "$SPOKE_CLUSTER" \
  --principal-arn "$SPOKE_ROLE_ARN" --type STANDARD \
  --kubernetes-groups skiff-hub-controller
