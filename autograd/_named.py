"""A named singleton constant printed as ``autograd.<name>`` and pickled by reference (torch's layouts and
memory formats)."""


class NamedConstant:
    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return "autograd." + self._name

    def __reduce__(self):
        return self._name
