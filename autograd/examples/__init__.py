"""Runnable examples: ``python -m autograd.examples.mnist`` trains a classifier on MNIST / Fashion-MNIST."""
