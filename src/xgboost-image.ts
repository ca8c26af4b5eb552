/**
 * Default inference image: the SageMaker built-in XGBoost 1.7-1 container. Registry account ids
 * per region are public facts from the SageMaker Python SDK's `image_uri_config/xgboost.json`
 * (inference, version 1.7-1); isolated (ISO) partitions are left out on purpose.
 */

/** Version of the built-in XGBoost container used by default (the model files are 1.7 JSON). */
export const XGBOOST_IMAGE_VERSION = "1.7-1";

/** ECR registry account of the SageMaker XGBoost 1.7-1 image, per region. */
export const XGBOOST_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = Object.freeze({
  "af-south-1": "510948584623",
  "ap-east-1": "651117190479",
  "ap-northeast-1": "354813040037",
  "ap-northeast-2": "366743142698",
  "ap-northeast-3": "867004704886",
  "ap-south-1": "720646828776",
  "ap-south-2": "628508329040",
  "ap-southeast-1": "121021644041",
  "ap-southeast-2": "783357654285",
  "ap-southeast-3": "951798379941",
  "ap-southeast-4": "106583098589",
  "ca-central-1": "341280168497",
  "ca-west-1": "190319476487",
  "cn-north-1": "450853457545",
  "cn-northwest-1": "451049120500",
  "eu-central-1": "492215442770",
  "eu-central-2": "680994064768",
  "eu-north-1": "662702820516",
  "eu-south-1": "978288397137",
  "eu-south-2": "104374241257",
  "eu-west-1": "141502667606",
  "eu-west-2": "764974769150",
  "eu-west-3": "659782779980",
  "il-central-1": "898809789911",
  "me-central-1": "272398656194",
  "me-south-1": "801668240914",
  "sa-east-1": "737474898029",
  "us-east-1": "683313688378",
  "us-east-2": "257758044811",
  "us-gov-east-1": "237065988967",
  "us-gov-west-1": "414596584902",
  "us-west-1": "746614075791",
  "us-west-2": "246618743249",
});

/**
 * URI of the SageMaker XGBoost 1.7-1 inference image in `region`, e.g.
 * `683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1`; `undefined` when the
 * region is not in {@link XGBOOST_IMAGE_ACCOUNTS} (then `CAPTURE_LAB_IMAGE_URI` must be set).
 */
export function xgboostImageUri(region: string): string | undefined {
  const account = Object.prototype.hasOwnProperty.call(XGBOOST_IMAGE_ACCOUNTS, region)
    ? XGBOOST_IMAGE_ACCOUNTS[region]
    : undefined;
  if (account === undefined) return undefined;
  // China regions live under the amazonaws.com.cn domain.
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `${account}.dkr.ecr.${region}.${domain}/sagemaker-xgboost:${XGBOOST_IMAGE_VERSION}`;
}
