"""The versioned reference data of eventline: rules and gazetteers as files (see README.md).

A data package: it holds no code. transforms.reference reads every file here through
importlib.resources, so an installed wheel reads the same files as a checkout.
"""
