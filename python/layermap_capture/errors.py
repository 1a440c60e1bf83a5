"""The one exception the capture helper raises for bad input."""


class CaptureError(Exception):
    """A capture cannot go on: the message names the model, the layer and the problem.

    Raised for a layer name or pattern that matches no module, a module that never ran or ran
    twice in one forward pass, outputs whose shapes cannot become rows of N samples, sample
    counts that disagree, and non-finite values. Nothing is written when it is raised.
    """
