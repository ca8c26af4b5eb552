"""bench:monitor's record preprocessor: does what Model Monitor's own reading of a CSV record
does (the score first, then the request's fields), keys by position as AWS's samples write them."""


def preprocess_handler(inference_record):
    values = [inference_record.endpoint_output.data.strip()] + inference_record.endpoint_input.data.rstrip("\n").split(",")
    return {str(i).zfill(20): (v if v != "" else None) for i, v in enumerate(values)}
