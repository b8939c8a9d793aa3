import { benchApproveToPage } from './test/bench/approve-to-page.js'
console.log(await benchApproveToPage({ storedTransfers: 0, approvals: 5 }))
