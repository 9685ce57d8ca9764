export const callsDialZhCN = {
  callsDial: {
    call: '拨打',
    calling: '正在呼叫您的分机 {{extension}}，接起后自动拨打 {{number}}',
  },
};

export const callsDialEn: typeof callsDialZhCN = {
  callsDial: {
    call: 'Call',
    calling: 'Ringing your extension {{extension}}; pick up and {{number}} is dialled',
  },
};
