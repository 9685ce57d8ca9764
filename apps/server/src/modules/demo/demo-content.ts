/** Text of the demo department: believable Chinese service work, by work-order type. */

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '华', '玉兰', '红', '志强', '建国', '晓东', '海燕', '雪梅', '子涵', '浩然', '欣怡', '宇航', '梓萱', '一鸣', '思远'];
export const DISTRICTS = ['朝阳区建国路88号', '海淀区中关村大街27号', '浦东新区世纪大道100号', '天河区体育西路191号', '南山区科技园南区', '武侯区人民南路四段', '西湖区文三路478号', '江北区观音桥步行街', '鼓楼区中山路321号', '雁塔区小寨东路'];
export const COMPANIES = ['华信物业管理有限公司', '安居置业集团', '恒通电器销售有限公司', '绿城家政服务中心', '中联通信技术有限公司', '鑫源商贸有限公司', '康宁健康管理有限公司', '远航物流有限公司', '金桥房地产经纪有限公司', '明德教育咨询有限公司'];

export interface TicketTemplate {
  subject: string;
  description: string;
  tags?: string[];
}

export const TEMPLATES: Record<'consultation' | 'suggestion' | 'complaint' | 'repair' | 'callback', TicketTemplate[]> = {
  consultation: [
    { subject: '咨询房产证办理进度', description: '客户来电询问房产证办理进度，购房合同已于上月签订，想了解何时可以领取。', tags: ['房产证'] },
    { subject: '咨询按揭贷款所需材料', description: '客户咨询办理按揭贷款需要准备哪些材料，以及银行审批大概需要多长时间。', tags: ['按揭'] },
    { subject: '咨询套餐资费', description: '客户询问当前套餐的月租和流量资费，想了解是否有更优惠的套餐可以更换。', tags: ['资费'] },
    { subject: '咨询退费流程', description: '客户想了解取消业务后的退费流程和到账时间。', tags: ['退费'] },
    { subject: '咨询家政服务价格', description: '客户咨询住家保姆和钟点工的服务价格及合同期限。', tags: ['家政'] },
    { subject: '咨询会员积分兑换', description: '客户询问会员积分如何兑换礼品，积分是否有有效期。' },
    { subject: '咨询发票开具', description: '客户需要开具增值税专用发票，询问需要提供哪些信息。', tags: ['发票'] },
    { subject: '咨询营业网点时间', description: '客户询问周末营业网点是否开放以及具体营业时间。' },
  ],
  suggestion: [
    { subject: '建议增加夜间服务时段', description: '客户建议热线在晚上九点以后也能提供人工服务，方便上班族。' },
    { subject: '建议优化短信通知内容', description: '客户反映短信通知内容过长，建议只保留关键信息。' },
    { subject: '建议开通微信查询进度', description: '客户建议通过微信公众号可以直接查询工单处理进度。' },
    { subject: '建议小区增加充电桩', description: '业主建议在地下车库增设新能源汽车充电桩。' },
  ],
  complaint: [
    { subject: '投诉维修人员服务态度差', description: '客户投诉上门维修人员态度恶劣，维修后未清理现场。要求公司给出说法。', tags: ['服务态度'] },
    { subject: '投诉重复扣费要求退费', description: '客户反映本月被重复扣费两次，要求尽快退费并说明原因。', tags: ['退费', '扣费'] },
    { subject: '投诉快递延误', description: '客户订单已超过承诺时效五天仍未送达，多次催促无果。', tags: ['物流'] },
    { subject: '投诉家政人员损坏物品', description: '客户投诉家政服务人员在打扫时打碎了一个花瓶，要求赔偿。', tags: ['赔偿'] },
    { subject: '投诉热线长时间无人接听', description: '客户反映拨打热线等待超过十分钟无人接听，对服务不满。' },
    { subject: '投诉物业费收费不合理', description: '业主认为本年度物业费上涨没有事先公示，要求解释。', tags: ['物业费'] },
  ],
  repair: [
    { subject: '空调不制冷报修', description: '客户家中空调开机后不制冷，外机有异响，要求安排上门检修。', tags: ['空调'] },
    { subject: '卫生间漏水报修', description: '业主反映卫生间天花板渗水，疑似楼上管道漏水，需要尽快处理。', tags: ['漏水'] },
    { subject: '宽带无法上网', description: '客户宽带从昨晚开始无法连接，光猫指示灯红色闪烁。', tags: ['宽带'] },
    { subject: '电梯故障报修', description: '业主反映三号楼二单元电梯停在八楼不动，已有老人被困过一次。', tags: ['电梯'] },
    { subject: '热水器无法点火', description: '客户燃气热水器无法点火，显示故障代码E1。' },
  ],
  callback: [
    { subject: '维修完成满意度回访', description: '对上周完成的上门维修进行满意度回访，了解客户对维修结果的评价。' },
    { subject: '投诉处理结果回访', description: '对已处理的投诉进行回访，确认客户是否接受处理结果。' },
    { subject: '合同到期续约回访', description: '客户服务合同将于本月底到期，回访了解续约意向。', tags: ['续约'] },
  ],
};

export const NOTES = [
  '已联系客户，客户表示下午三点后方便接听电话。',
  '已转相关部门核实，等待回复。',
  '客户来电催办，已安抚并告知会尽快处理。',
  '已核实情况属实，按流程处理。',
  '联系电话无人接听，顺延回复时间。',
  '已向客户说明处理方案，客户表示理解。',
];

export const ANSWERS = [
  '已向客户详细解答，客户表示满意。',
  '已告知客户办理流程和所需材料，客户无其他疑问。',
  '已为客户查询并告知结果。',
];

/** Seed 004's standard phrases and a few unified answers (统一答复口径), as the demo script library. */
export const MACROS: Array<{ category: 'greeting' | 'hold' | 'closing' | 'callback' | 'complaint' | 'unified_answer'; title: string; body: string }> = [
  { category: 'greeting', title: '接通问候', body: '您好，示例客服中心，工号{工号}为您服务！' },
  { category: 'greeting', title: '客户不出声', body: '您好，请问有什么可以帮您？' },
  { category: 'greeting', title: '听不清', body: '对不起，请您大声一点好吗？' },
  { category: 'greeting', title: '方言', body: '您好，请讲普通话好吗？' },
  { category: 'hold', title: '请稍等', body: '对不起，请稍等！' },
  { category: 'hold', title: '恢复通话', body: '对不起，让您久等了！' },
  { category: 'hold', title: '记录问题', body: '请稍等，您的问题正在记录……您的问题我复述一遍好吗？' },
  { category: 'closing', title: '结束确认', body: '请问您还有什么问题吗？' },
  { category: 'closing', title: '结束语', body: '感谢您的来电，祝您生活愉快，再见！' },
  { category: 'callback', title: '回复疑难问题', body: '您好，这里是示例客服中心。您上次（{日期}）咨询的关于{问题}，现在给您回复：' },
  { category: 'callback', title: '无人接听顺延', body: '已致电客户，联系电话无人接听，按规定顺延回复时间，稍后再次回电。' },
  { category: 'complaint', title: '投诉致歉', body: '非常抱歉给您带来不便，您反映的问题我已详细记录，我们会在12小时内给您答复。' },
  { category: 'complaint', title: '投诉处理进度', body: '您好，您的投诉正在处理中，目前进展是：{进展}。我们会持续跟进，每24小时向您通报一次进度。' },
  { category: 'unified_answer', title: '退费到账时间', body: '退费申请审核通过后，款项将在3–7个工作日内原路退回，请您留意账户变动。' },
  { category: 'unified_answer', title: '产权证领取时间', body: '一次性付款的客户一般10个工作日可以领取产权证；按揭贷款的客户需20个工作日以上，届时我们会电话或短信通知您。' },
  { category: 'unified_answer', title: '按揭所需材料', body: '请准备：购房人及配偶身份证复印件各4份、收入证明各2份、户口本复印件2份、首付款收据2份、婚姻证明2份。' },
];
