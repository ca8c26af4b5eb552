// bench:monitor's record preprocessor, the JavaScript twin of preprocessor.py.
export function preprocessHandler(record) {
  const { endpointInput, endpointOutput } = record.captureData;
  const values = [endpointOutput.data.trim(), ...endpointInput.data.replace(/\n$/, "").split(",")];
  return Object.fromEntries(values.map((v, i) => [String(i).padStart(20, "0"), v === "" ? null : v]));
}
