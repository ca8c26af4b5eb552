"""Model Monitor record preprocessor for the churn endpoint (Capture Lab's walkthrough).

The endpoint answers a churn probability, but the baseline's first column is the 0/1 label the
model was trained on, so Model Monitor would compare a probability with a label. This script
turns the score into the predicted label (threshold 0.5) and hands the request's 69 features on
by position: its keys are zero-padded indexes, which the monitor takes in sorted order, as AWS's
own samples do. An empty field is a missing value (None). Requests without a CSV body or
without a response are dropped ([]).

Written to AWS's contract (preprocess_handler(inference_record)); runs unchanged on SageMaker
Model Monitor and in Capture Lab.
"""


def preprocess_handler(inference_record):
    request = inference_record.endpoint_input
    response = inference_record.endpoint_output
    if request is None or response is None or request.encoding != "CSV":
        return []
    score = float(response.data.strip())
    features = request.data.rstrip("\r\n").split(",")
    values = ["1" if score >= 0.5 else "0"] + [v if v != "" else None for v in features]
    return {str(i).zfill(20): v for i, v in enumerate(values)}
