import { defineErrors } from '@linkmall/kernel';

export const scanErrors = defineErrors({
  image_not_base64: { status: 400, 'zh-CN': '图片须为 base64 编码', en: 'The image must be base64-encoded' },
  image_too_large: { status: 413, 'zh-CN': '图片过大，请上传不超过 4 MB 的图片', en: 'The image is too large; upload one of at most 4 MB' },
  image_format_unsupported: { status: 415, 'zh-CN': '仅支持 PNG 或 JPEG 图片', en: 'Only PNG or JPEG images are supported' },
  image_unreadable: { status: 422, 'zh-CN': '图片已损坏或无法读取', en: 'The image is damaged or cannot be read' },
  scan_nothing_to_save: { status: 422, 'zh-CN': '未识别到姓名、公司、电话或邮箱，无法保存', en: 'No name, company, phone or e-mail was read from the card, so there is nothing to save' },
  ocr_busy: { status: 503, 'zh-CN': '识别任务繁忙，请稍后再试', en: 'Card recognition is busy; please try again shortly' },
  ocr_unavailable: {
    status: 501,
    'zh-CN': '本系统未启用名片识别（OCR_ENGINE=none），请手动填写',
    en: 'Business card recognition is turned off on this installation (OCR_ENGINE=none); please enter the details by hand',
  },
});
export type ScanErrorCode = keyof typeof scanErrors;
